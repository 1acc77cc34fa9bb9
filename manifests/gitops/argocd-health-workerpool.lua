-- Argo CD health check for ebb.dev/WorkerPool.
-- Install it as `resource.customizations.health.ebb.dev_WorkerPool` in argocd-cm (see docs/gitops.md).
-- Reads what the Ebb operator reports: status.observedGeneration and the Ready, Fallback, Paused and Degraded
-- conditions. Tested by WorkerPoolHealthLuaTest (manifests-tests) against sample WorkerPools.
local hs = {}

-- Ready=False reasons that mean the spec cannot be acted on: only an edit of the WorkerPool (or of the Secret it
-- references) fixes them, so waiting longer does not help.
local invalidSpecReasons = {
  InvalidSpec = true,
  InvalidReplicas = true,
  InvalidQueue = true,
  InvalidAddress = true,
  InvalidDuration = true,
  NoContainers = true,
  SecretNotAvailable = true,
  InvalidSecretReference = true,
  DeploymentConflict = true,
  AddressNotAllowed = true,
}

local function findCondition(conditionType)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function describe(condition)
  local text = condition.reason or condition.type
  if condition.message ~= nil and condition.message ~= "" then
    text = text .. ": " .. condition.message
  end
  return text
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ebb operator to report the pool's status"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ebb operator to observe generation " .. generation
  return hs
end

local ready = findCondition("Ready")
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if ready.status == "False" and invalidSpecReasons[ready.reason] then
  hs.status = "Degraded"
  hs.message = "Invalid WorkerPool: " .. describe(ready)
  return hs
end

local fallback = findCondition("Fallback")
if fallback ~= nil and fallback.status == "True" then
  hs.status = "Degraded"
  hs.message = "Running the fallback replica count, the queue cannot be measured: " .. describe(fallback)
  return hs
end

local degraded = findCondition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(degraded)
  return hs
end

local paused = findCondition("Paused")
if paused ~= nil and paused.status == "True" then
  hs.status = "Suspended"
  hs.message = "Scaling is paused (spec.scaling.paused)"
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

if ready.status == "False" and ready.reason ~= "WorkersStarting" then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready)
return hs

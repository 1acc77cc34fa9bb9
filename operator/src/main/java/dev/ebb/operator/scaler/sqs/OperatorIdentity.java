package dev.ebb.operator.scaler.sqs;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/**
 * The operator's own AWS identity, for pools that name no access key: the SDK's default chain without the parts that
 * are not the operator's. In order: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} in the operator's
 * environment; IRSA (the web identity token EKS mounts for the operator's ServiceAccount, exchanged with STS); EKS Pod
 * Identity (the agent named by {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}). Never the node's instance role (the
 * instance metadata service is not asked: a pod that can reach it would otherwise lend the node's rights to every
 * pool), and never a profile file.
 */
final class OperatorIdentity {

  private OperatorIdentity() {
  }

  static AwsCredentialsProvider chain() {
    return AwsCredentialsProviderChain.builder()
        .reuseLastProviderEnabled(true)
        .credentialsProviders(
            EnvironmentVariableCredentialsProvider.create(),
            WebIdentityTokenFileCredentialsProvider.create(),
            ContainerCredentialsProvider.create())
        .build();
  }
}

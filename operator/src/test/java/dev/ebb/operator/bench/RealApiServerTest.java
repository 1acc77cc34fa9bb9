package dev.ebb.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RealApiServerTest {

  @Test
  void requestsAreSummedByVerbAndResourceAndThe429sCountedApart() {
    String metrics = """
        # HELP apiserver_request_total [STABLE] Counter of apiserver requests
        # TYPE apiserver_request_total counter
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="apps",resource="deployments",scope="resource",subresource="",verb="PUT",version="v1"} 120
        apiserver_request_total{code="409",component="apiserver",dry_run="",group="apps",resource="deployments",scope="resource",subresource="",verb="PUT",version="v1"} 3
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="ebb.dev",resource="workerpools",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 1.5e+03
        apiserver_request_total{code="429",component="apiserver",dry_run="",group="ebb.dev",resource="workerpools",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 7
        apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/healthz",verb="GET",version=""} 40
        apiserver_request_duration_seconds_count{verb="PUT",resource="deployments"} 99
        """;

    assertThat(RealApiServer.countRequests(metrics)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "PUT deployments", 123L,
        "PATCH workerpools/status", 1507L,
        "429 PATCH workerpools/status", 7L));
  }
}

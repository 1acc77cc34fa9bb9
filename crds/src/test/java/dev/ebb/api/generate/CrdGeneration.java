package dev.ebb.api.generate;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.File;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Generates the WorkerPool and WorkerBudget CRDs from the Java types with fabric8's CRD generator, as its Maven plugin would, and keeps
 * the printer columns in the order the type declares them (the generator sorts them by JSON path, which would put
 * Age first and Max before Min). Run by the build in {@code process-test-classes}; writes
 * {@code target/classes/META-INF/fabric8/workerpools.ebb.dev-v1.yml} and {@code workerbudgets.ebb.dev-v1.yml}.
 */
public final class CrdGeneration {

  private CrdGeneration() {
  }

  public static void main(String[] args) {
    File out = new File(args.length > 0 ? args[0] : "target/classes/META-INF/fabric8");
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    int written = new CRDGenerator()
        .customResourceClasses(WorkerPool.class, WorkerBudget.class)
        .forCRDVersions("v1")
        .withPostProcessor(new DeclaredColumnOrder())
        .inOutputDir(out)
        .generate();
    if (written != 2) {
      throw new IllegalStateException("expected two CRDs, generated " + written);
    }
  }

  /** Sorts each version's printer columns by the order of the kind's {@code @AdditionalPrinterColumn}s. */
  static final class DeclaredColumnOrder implements CRDPostProcessor {

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      Class<?> kind = "WorkerBudget".equals(((CustomResourceDefinition) crd).getSpec().getNames().getKind())
          ? WorkerBudget.class : WorkerPool.class;
      List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
          .map(AdditionalPrinterColumn::name).toList();
      ((CustomResourceDefinition) crd).getSpec().getVersions().forEach(version ->
          version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
              (CustomResourceColumnDefinition column) -> declared.indexOf(column.getName()))));
      return crd;
    }
  }
}

package dev.ebb.operator.validation;

/**
 * Why a pool's spec cannot be acted on: a CamelCase reason for the Ready condition and the Warning event, and a
 * message that says what to fix. Never carries a secret value.
 */
public record SpecProblem(String reason, String message) {
}

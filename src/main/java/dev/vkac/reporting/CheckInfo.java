package dev.vkac.reporting;

/** A check as the catalogue lists it: id, the guide step it comes from, what must hold, and where it is coded. */
public record CheckInfo(String id, int step, String must, String testClass, String testMethod) {
}

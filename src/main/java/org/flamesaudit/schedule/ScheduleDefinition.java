package org.flamesaudit.schedule;

/** A schedule request that passed every check (its run request included), ready to be stored. */
public record ScheduleDefinition(String name, CronSlots slots, long datasetId, String targetConfig,
                                 String scorerConfig, int concurrency, Integer limit, boolean enabled,
                                 MissedFirings missedFirings, org.flamesaudit.run.BlockedPolicy blockedPolicy,
                                 String gateConfig, String alertsConfig) {
}

package org.flamesaudit.scoring;

/** SCORED carries a value allowed by the item's dimension; UNSCORABLE never counts as a score. */
public enum ScoreStatus { SCORED, UNSCORABLE }

package org.flamesaudit.audit;

/** Lifecycle of an audit run as the API reports it. */
public enum RunStatus { QUEUED, RUNNING, COMPLETED, FAILED, STOPPED }

package org.flamesaudit.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts every JAX-RS resource of the application under {@code /api}. */
@ApplicationPath("/api")
public class FlamesAuditApplication extends Application {
}

package org.flamesaudit.scoring.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.flamesaudit.support.ConfigurationException;

/** Where a DJL model runs: the engine's GPU when it finds one and configuration allows it, otherwise the CPU. */
final class DjlDevice {

    private DjlDevice() {
    }

    static Device choose(String engineName, boolean allowGpu, String field) {
        Engine engine;
        try {
            engine = Engine.getEngine(engineName);
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigurationException(field, "DJL's " + engineName + " engine is not available (" + e
                    + "); the server needs the ai.djl module that the build provisions (mvn package)");
        }
        return allowGpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}

package org.flamesaudit.support;

/**
 * Work done once at start, in the background, so that the first audit after a start does not pay for it (loading
 * and compiling what every audit uses). {@link WarmUps} runs every bean of this type one after the other when the
 * schema is ready, unless {@code flames.warm-up=false}. Implementations must not change stored data.
 */
public interface WarmUp {

    /** What is warmed, for the log ("report templates and fonts"). */
    String what();

    /** Does the work; a failure is logged by {@link WarmUps} and changes nothing else. */
    void warm() throws Exception;
}

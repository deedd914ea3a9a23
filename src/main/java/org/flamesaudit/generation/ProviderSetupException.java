package org.flamesaudit.generation;

/**
 * A call refused because of how the run calls the provider, so every other prompt would fail the same way (e.g. a
 * stream-only model called without {@code "stream": true}): the run halts with {@link #whatToFix()}.
 */
public final class ProviderSetupException extends ProviderException {

    private final String fix;

    public ProviderSetupException(String message, Integer status, String fix) {
        super(message, false, status, null, null);
        this.fix = fix;
    }

    @Override
    public boolean haltsRun() {
        return true;
    }

    @Override
    public String whatToFix() {
        return fix;
    }
}

package org.flamesaudit.generation;

/**
 * A call answered with a documented moderation error (e.g. DashScope's HTTP 400 {@code data_inspection_failed}): the
 * item is BLOCKED. Never retried, never counted against the provider's health, never halts the run.
 */
public final class ProviderBlockedException extends ProviderException {

    private final ProviderBlock block;

    public ProviderBlockedException(int status, ProviderBlock block) {
        super("HTTP " + status + " blocked by the provider's safety system (" + block.signal() + "): "
                + JsonHttpCall.abbreviate(block.message()), false, status, null, null);
        this.block = block;
    }

    public ProviderBlock block() {
        return block;
    }

    @Override
    public boolean haltsRun() {
        return false;
    }
}

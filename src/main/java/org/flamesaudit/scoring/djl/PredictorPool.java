package org.flamesaudit.scoring.djl;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** DJL predictors are not thread-safe: a fixed pool of them, one borrowed per batch, shared by the scoring threads. */
final class PredictorPool implements AutoCloseable {

    private final BlockingQueue<Predictor<NDList, NDList>> idle;
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();

    PredictorPool(ZooModel<NDList, NDList> model, int size) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<NDList, NDList> p = model.newPredictor();
            all.add(p);
            idle.add(p);
        }
    }

    Predictor<NDList, NDList> borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        }
    }

    void giveBack(Predictor<NDList, NDList> predictor) {
        idle.add(predictor);
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}

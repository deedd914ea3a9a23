package org.flamesaudit.scoring.djl;

/**
 * A logistic-regression head on an encoder vector: P(harmless) = sigmoid(w . x + b).
 */
public record LinearHead(float[] weights, float bias) {

    public double probabilityHarmless(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("the head takes vectors of " + weights.length + " values, got "
                    + x.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Fits a head by full-batch gradient descent on the mean log-loss plus {@code l2}/2 |w|^2 (the bias is not
     * penalised). Deterministic: same rows, same head. {@code harmless[i]} is the label of {@code x[i]}.
     */
    public static LinearHead fit(float[][] x, boolean[] harmless, double l2, int iterations, double learningRate) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no rows to train on");
        }
        int d = x[0].length;
        double[] w = new double[d];
        double b = 0;
        double[] grad = new double[d];
        for (int it = 0; it < iterations; it++) {
            java.util.Arrays.fill(grad, 0);
            double gb = 0;
            for (int i = 0; i < x.length; i++) {
                double z = b;
                float[] xi = x[i];
                for (int j = 0; j < d; j++) {
                    z += w[j] * xi[j];
                }
                double err = 1 / (1 + Math.exp(-z)) - (harmless[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    grad[j] += err * xi[j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= learningRate * (grad[j] / x.length + l2 * w[j]);
            }
            b -= learningRate * gb / x.length;
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new LinearHead(weights, (float) b);
    }
}

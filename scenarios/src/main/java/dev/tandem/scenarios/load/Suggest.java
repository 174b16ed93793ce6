package dev.tandem.scenarios.load;

import java.util.List;

/** "Did you mean" suggestions by edit distance. */
final class Suggest {
    private Suggest() {}

    /**
     * {@code "; did you mean 'seed'?"} when a candidate is close to {@code word}; otherwise {@code listIntro} followed by
     * the candidates (or nothing when {@code listIntro} is null or there are none).
     */
    static String didYouMean(final String word, final List<String> candidates, final String listIntro) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String c : candidates) {
            final int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, word.length() / 3))) {
            return "; did you mean '" + best + "'?";
        }
        if (listIntro == null || candidates.isEmpty()) {
            return "";
        }
        return listIntro + String.join(", ", candidates);
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count once). */
    static int distance(final String a, final String b) {
        final int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

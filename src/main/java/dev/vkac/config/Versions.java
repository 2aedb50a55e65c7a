package dev.vkac.config;

import java.util.Arrays;

/** Release numbers such as 1.14.8 and 2.0.0, compared numerically part by part (suffixes such as -defect.x ignored). */
public final class Versions {

    private Versions() {}

    public static int compare(String a, String b) {
        int[] left = parts(a);
        int[] right = parts(b);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? left[i] : 0;
            int r = i < right.length ? right[i] : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    /** The release line of a release: {@code 1.21} for {@code 1.21.0}, {@code 2.0} for {@code v2.0.3}. */
    public static String minor(String version) {
        int[] parts = parts(version);
        return parts[0] + "." + (parts.length > 1 ? parts[1] : 0);
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.replaceFirst("^v", "").split("[-+]")[0].split("\\."))
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}

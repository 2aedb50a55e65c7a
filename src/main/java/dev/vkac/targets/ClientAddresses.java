package dev.vkac.targets;

import java.net.InetAddress;
import java.util.List;

/**
 * Local addresses this JVM can send requests to Vault from, and that Vault sees as they are (for checks of CIDR
 * restrictions), or, where there are fewer than two, why: a skip's reason.
 */
public record ClientAddresses(List<InetAddress> toldApart, String whyNotTwo) {

    /** Two or more addresses Vault tells apart. */
    public static ClientAddresses of(InetAddress first, InetAddress second) {
        return new ClientAddresses(List.of(first, second), "");
    }

    /** None, for the given reason. */
    public static ClientAddresses none(String why) {
        return new ClientAddresses(List.of(), why);
    }

    /** Whether a check can send requests from two addresses Vault tells apart. */
    public boolean atLeastTwo() {
        return toldApart.size() >= 2;
    }
}

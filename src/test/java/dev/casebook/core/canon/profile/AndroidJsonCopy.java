package dev.casebook.core.canon.profile;

import dev.casebook.core.canon.encode.EncodingRules;
import dev.casebook.core.canon.encode.KeyOrder;

/**
 * The Android org.json on Maven Central (com.vaadin.external.google:android-json) is an old copy
 * whose JSONObject keeps a HashMap, where today's Android keeps a LinkedHashMap: the profile's
 * insertion order. Every other rule is the same, so the copy checks the profile's rules with its
 * key order swapped for the copy's.
 */
final class AndroidJsonCopy {

    private AndroidJsonCopy() {
    }

    static EncoderProfile profile(ProfileCatalog catalog) {
        EncoderProfile android = catalog.find("android-org-json").orElseThrow();
        EncodingRules r = android.encoding();
        return new EncoderProfile(android.id(), android.language(), android.description(), android.snippet(), android.parse(),
                new EncodingRules(r.numbers(), r.strings(), KeyOrder.JAVA_HASHMAP, r.duplicates(), r.containers(), r.layout(),
                        r.maxEncodeDepth(), r.trailingNewline(), r.nullMembers(), r.root()));
    }
}

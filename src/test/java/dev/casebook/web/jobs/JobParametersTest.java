package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/**
 * The list of known parameters and the ones the endpoints declare (and document) are the same: a
 * parameter added to one and not the other would be refused as unknown, or silently not documented.
 */
class JobParametersTest {

    @Test
    void bothUploadFormsDeclareExactlyTheKnownParameters() {
        Set<String> known = new TreeSet<>(JobQueryParser.PARAMETERS);
        for (Method m : JobsResource.class.getMethods()) {
            if (!m.isAnnotationPresent(DumpUpload.class)) {
                continue;
            }
            Set<String> declared = new TreeSet<>();
            for (Parameter p : m.getParameters()) {
                RestQuery query = p.getAnnotation(RestQuery.class);
                RestForm form = p.getAnnotation(RestForm.class);
                String value = query != null ? query.value() : form != null ? form.value() : null;
                if (value != null) {
                    assertTrue(!value.isEmpty() || p.isNamePresent(), m.getName() + ": compiled without parameter names");
                    declared.add(value.isEmpty() ? p.getName() : value);
                }
            }
            declared.remove("dump");
            assertEquals(known, declared, m.getName());
        }
    }
}

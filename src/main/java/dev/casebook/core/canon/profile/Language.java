package dev.casebook.core.canon.profile;

import dev.casebook.core.canon.query.QueryEncoding;

/** A language whose JSON and query encoders Casebook reproduces, with its default query encoder. */
public enum Language {
    NONE("none", QueryEncoding.RFC3986),
    PYTHON("python", QueryEncoding.PYTHON_URLENCODE),
    JAVASCRIPT("javascript", QueryEncoding.JS_URLSEARCHPARAMS),
    JAVA("java", QueryEncoding.JAVA_URLENCODER),
    GO("go", QueryEncoding.GO_VALUES_ENCODE),
    PHP("php", QueryEncoding.PHP_HTTP_BUILD_QUERY),
    RUBY("ruby", QueryEncoding.RUBY_ENCODE_WWW_FORM),
    /** reqwest's {@code .query()} goes through serde_urlencoded, the WHATWG form encoding that URLSearchParams also writes. */
    RUST("rust", QueryEncoding.JS_URLSEARCHPARAMS),
    /** C++ has no standard query encoder; RFC 3986 is what its HTTP libraries' escape functions write. */
    CPP("c++", QueryEncoding.RFC3986),
    /** .NET clients build queries with {@code Uri.EscapeDataString}, which leaves RFC 3986's unreserved characters. */
    DOTNET("c#", QueryEncoding.RFC3986);

    private final String id;
    private final QueryEncoding defaultQueryEncoding;

    Language(String id, QueryEncoding defaultQueryEncoding) {
        this.id = id;
        this.defaultQueryEncoding = defaultQueryEncoding;
    }

    public String id() {
        return id;
    }

    public QueryEncoding defaultQueryEncoding() {
        return defaultQueryEncoding;
    }
}

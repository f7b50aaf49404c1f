package dev.casebook.web.error;

/**
 * Thrown by a resource or a request binder, which speak HTTP already, to answer with a ready problem
 * document. Everything below them throws its own domain exceptions instead.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

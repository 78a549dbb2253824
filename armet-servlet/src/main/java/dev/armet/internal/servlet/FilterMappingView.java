package dev.armet.internal.servlet;

/**
 * One filter mapping as a container lists it, in chain order: which filter, whether it applies to
 * REQUEST and ASYNC dispatches, and whether it is by servlet name (such mappings run after every
 * path mapping).
 */
public record FilterMappingView(
    String filterName, boolean request, boolean async, boolean byServletName) {}

package dev.armet.internal.servlet;

import dev.armet.net.ClientAddressResolver;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request as {@code ArmetFilter} passes it on, made once per dispatch it handles: Armet's own
 * attributes (the {@link RequestState}, the client address, the CSP nonce, the CSRF token) are
 * answered from the state rather than kept in the container's attribute map, which on Jetty is made
 * per request as soon as one attribute is set (issue 18). Reading, setting and removing them
 * through this request (or any wrapper around it) works as with real attributes.
 *
 * <p>Before the request can be seen without this wrapper ({@link #startAsync}, an error dispatch)
 * the filter calls {@link #publish()}: the attributes are copied into the request it got, and from
 * then on live there only.
 *
 * <p>It also gives the request's headers to {@link ClientAddressResolver}, so resolving makes no
 * lookup object per request.
 */
public final class ArmetRequest extends HttpServletRequestWrapper
    implements ClientAddressResolver.HeaderLookup {
  private final RequestState state;

  public ArmetRequest(HttpServletRequest request, RequestState state) {
    super(request);
    this.state = state;
  }

  /** The state this request keeps. */
  public RequestState state() {
    return state;
  }

  /** Whether the attributes were published: a later dispatch finds them without this wrapper. */
  public boolean isPublished() {
    return state.isPublished();
  }

  /** Copies the state and Armet's attributes into the wrapped request, once. */
  public void publish() {
    state.publish(getRequest());
  }

  @Override
  public @Nullable String get(String name) {
    return RequestHeaders.joined(this, name);
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    if (RequestState.ATTRIBUTE.equals(name)) {
      return state;
    }
    if (!state.isPublished()) {
      int slot = RequestState.slot(name);
      Object kept = slot < 0 ? null : state.get(slot);
      if (kept != null) {
        return kept;
      }
    }
    return super.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    int slot = RequestState.slot(name);
    if (slot < 0 || !state.keep(slot, value)) {
      super.setAttribute(name, value);
    }
  }

  @Override
  public void removeAttribute(String name) {
    int slot = RequestState.slot(name);
    if (slot >= 0) {
      state.keep(slot, null);
    }
    // Also when kept here: an earlier helper may have set it in the container's request.
    super.removeAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    Enumeration<String> container = super.getAttributeNames();
    if (state.isPublished()) {
      return container;
    }
    List<String> names = container == null ? new ArrayList<>() : Collections.list(container);
    if (!names.contains(RequestState.ATTRIBUTE)) {
      names.add(RequestState.ATTRIBUTE);
    }
    for (int i = 0; i < RequestState.names(); i++) {
      String name = RequestState.name(i);
      if (state.get(i) != null && !names.contains(name)) {
        names.add(name);
      }
    }
    return Collections.enumeration(names);
  }

  /** Async hands the request to code that may hold the container's request: publish first. */
  @Override
  public AsyncContext startAsync() {
    publish();
    return super.startAsync();
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    publish();
    return super.startAsync(request, response);
  }
}

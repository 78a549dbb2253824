package dev.armet.spring.boot.security;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

/**
 * An Armet session as Spring Security needs it: a {@link SecurityContext} is kept as JSON (the
 * authenticated name and authority strings; the principal reads back as the name, credentials are
 * never stored), a {@link SavedRequest} as its redirect URL, the last login failure as its message.
 * Other values go through as they are (Armet refuses non-JSON ones with a message naming the
 * attribute).
 */
final class JsonSecuritySession implements HttpSession {
  static final String TYPE = "armet.type";
  static final String LAST_EXCEPTION = "SPRING_SECURITY_LAST_EXCEPTION";
  private final HttpSession delegate;

  JsonSecuritySession(HttpSession delegate) {
    this.delegate = delegate;
  }

  HttpSession delegate() {
    return delegate;
  }

  @Override
  public void setAttribute(String name, Object value) {
    delegate.setAttribute(name, toJson(value));
  }

  @Override
  public Object getAttribute(String name) {
    return fromJson(delegate.getAttribute(name));
  }

  static Object toJson(Object value) {
    if (value instanceof SecurityContext context) {
      Authentication a = context.getAuthentication();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put(TYPE, "security-context");
      if (a != null && a.isAuthenticated()) {
        json.put("name", a.getName());
        List<Object> authorities = new ArrayList<>();
        for (GrantedAuthority g : a.getAuthorities()) {
          authorities.add(g.getAuthority());
        }
        json.put("authorities", authorities);
      }
      return json;
    }
    if (value instanceof AuthenticationException failure) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put(TYPE, "authentication-exception");
      json.put("message", failure.getMessage());
      return json;
    }
    if (value instanceof SavedRequest saved) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put(TYPE, "saved-request");
      json.put("url", saved.getRedirectUrl());
      return json;
    }
    return value;
  }

  static Object fromJson(Object value) {
    if (!(value instanceof Map<?, ?> map) || !(map.get(TYPE) instanceof String type)) {
      return value;
    }
    if (type.equals("security-context")) {
      SecurityContextImpl context = new SecurityContextImpl();
      if (map.get("name") instanceof String name) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (map.get("authorities") instanceof List<?> list) {
          for (Object o : list) {
            authorities.add(new SimpleGrantedAuthority(String.valueOf(o)));
          }
        }
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(name, null, authorities));
      }
      return context;
    }
    if (type.equals("authentication-exception")) {
      return new BadCredentialsException(String.valueOf(map.get("message")));
    }
    if (type.equals("saved-request") && map.get("url") instanceof String url) {
      return new SimpleSavedRequest(url);
    }
    return value;
  }

  @Override
  public long getCreationTime() {
    return delegate.getCreationTime();
  }

  @Override
  public String getId() {
    return delegate.getId();
  }

  @Override
  public long getLastAccessedTime() {
    return delegate.getLastAccessedTime();
  }

  @Override
  public ServletContext getServletContext() {
    return delegate.getServletContext();
  }

  @Override
  public void setMaxInactiveInterval(int interval) {
    delegate.setMaxInactiveInterval(interval);
  }

  @Override
  public int getMaxInactiveInterval() {
    return delegate.getMaxInactiveInterval();
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return delegate.getAttributeNames();
  }

  @Override
  public void removeAttribute(String name) {
    if (delegate.getAttribute(name) == null) {
      return; // nothing to remove: no write, so none after the response was committed either
    }
    try {
      delegate.removeAttribute(name);
    } catch (IllegalStateException committed) {
      // Spring Security clears the last login failure after it sent the redirect; too late to
      // write, and harmless to keep (a message, no secret). Anything else is the caller's bug.
      if (!LAST_EXCEPTION.equals(name)) {
        throw committed;
      }
    }
  }

  @Override
  public void invalidate() {
    delegate.invalidate();
  }

  @Override
  public boolean isNew() {
    return delegate.isNew();
  }
}

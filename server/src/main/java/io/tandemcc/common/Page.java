package io.tandemcc.common;

import java.util.List;

/**
 * One page of a list: its items and the opaque cursor of the next page, or {@code null} on the last
 * one. Lists are paged by key (the cursor names the last item's sort key and id), so a page costs
 * the same at any depth.
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }
}

package io.tandemcc;

public final class Main {
  public static void main(String[] args) {}
}

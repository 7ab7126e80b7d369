package dev.keyvet.cli;

/** Entry point of the {@code keyvet} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}

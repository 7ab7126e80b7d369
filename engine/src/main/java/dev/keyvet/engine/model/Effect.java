package dev.keyvet.engine.model;

/** A statement's effect. Policies spell it exactly {@code Allow} or {@code Deny}. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String json;

  Effect(String json) {
    this.json = json;
  }

  /** The exact spelling in a policy document. */
  public String json() {
    return json;
  }

  /** The effect spelt exactly {@code text}, or null: the spelling is case-sensitive. */
  public static Effect fromJson(String text) {
    return ALLOW.json.equals(text) ? ALLOW : DENY.json.equals(text) ? DENY : null;
  }
}

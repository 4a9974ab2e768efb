package io.flowdesk.app.forms;

import java.util.Locale;

/** The form-js component types Flowdesk renders, and what each of them is for. */
public enum ComponentType {
  TEXTFIELD("textfield", Role.INPUT),
  TEXTAREA("textarea", Role.INPUT),
  NUMBER("number", Role.INPUT),
  SELECT("select", Role.INPUT),
  RADIO("radio", Role.INPUT),
  CHECKBOX("checkbox", Role.INPUT),
  CHECKLIST("checklist", Role.INPUT),
  TAGLIST("taglist", Role.INPUT),
  DATETIME("datetime", Role.INPUT),
  TEXT("text", Role.DISPLAY),
  GROUP("group", Role.CONTAINER),
  SEPARATOR("separator", Role.DISPLAY),
  SPACER("spacer", Role.DISPLAY),
  BUTTON("button", Role.DISPLAY),
  /** Anything else form-js knows (file picker, table, iframe...) or a type from a newer version. */
  UNSUPPORTED("", Role.DISPLAY);

  private enum Role {
    INPUT,
    DISPLAY,
    CONTAINER
  }

  private final String schemaName;
  private final Role role;

  ComponentType(final String schemaName, final Role role) {
    this.schemaName = schemaName;
    this.role = role;
  }

  /** The type for a {@code type} property; unknown names map to {@link #UNSUPPORTED}. */
  public static ComponentType of(final String schemaName) {
    if (schemaName != null) {
      final String name = schemaName.toLowerCase(Locale.ROOT);
      for (final ComponentType type : values()) {
        if (type != UNSUPPORTED && type.schemaName.equals(name)) {
          return type;
        }
      }
    }
    return UNSUPPORTED;
  }

  /** Whether the component binds a value to a {@code key} that the user edits. */
  public boolean isInput() {
    return role == Role.INPUT;
  }

  /** Whether the component holds nested components. */
  public boolean isContainer() {
    return role == Role.CONTAINER;
  }

  /** Whether the user picks the value from options. */
  public boolean hasOptions() {
    return this == SELECT || this == RADIO || this == CHECKLIST || this == TAGLIST;
  }

  /** Whether the value is a list. */
  public boolean isMultiValued() {
    return this == CHECKLIST || this == TAGLIST;
  }
}

package io.flowdesk.app.cmdb;

/** No import run has this id (the API answers 404). */
class ImportRunNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ImportRunNotFoundException(final long id) {
    super("There is no import run " + id + ".", null, false, false);
  }
}

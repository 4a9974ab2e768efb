// The header's "More" menu (templates/layout.html, a <details>): without this script it opens and
// closes with its button alone; with it, a click elsewhere closes it, and Escape closes it and puts
// the focus back on its button, as people expect of a menu.
(function () {
  'use strict';

  function openMenus() {
    return document.querySelectorAll('details.fd-more[open]');
  }

  document.addEventListener('click', function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }
    openMenus().forEach(function (menu) {
      menu.open = false;
      menu.querySelector('summary').focus();
    });
  });
})();

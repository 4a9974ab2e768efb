// The CI picker (templates/cmdb/picker.html): turns each [data-ci-picker] text field into an
// ARIA 1.2 combobox with a list box of matching configuration items from /api/cmdb/lookup.
// Keyboard: Down/Up move through the options, Enter picks, Escape closes (and clears on a second
// press), Tab leaves. Picking writes the name into the field and the CI's id into the hidden
// "chosen:" field; typing again forgets the id, so the server resolves what was typed instead.
(function () {
  'use strict';

  function enhance(root) {
    var input = root.querySelector('input[type=text]');
    var chosen = root.querySelector('[data-ci-chosen]');
    var list = root.querySelector('[role=listbox]');
    var status = root.querySelector('[role=status]');
    var lookup = root.getAttribute('data-lookup');
    var options = [];
    var active = -1;
    var pending = null;
    var asked = 0;

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll('[role=option]');
      items.forEach(function (item, i) {
        item.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      active = index;
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', items[index].id);
        items[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function pick(index) {
      var ci = options[index];
      input.value = ci.name;
      chosen.value = ci.id;
      status.textContent = ci.name + ' (' + ci.classLabel + ') chosen';
      close();
    }

    function show(found) {
      options = found;
      list.textContent = '';
      found.forEach(function (ci, i) {
        var item = document.createElement('li');
        item.id = list.id + '-' + i;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        var name = document.createElement('span');
        name.textContent = ci.name;
        var kind = document.createElement('span');
        kind.className = 'fd-ci-class';
        kind.textContent = ci.classLabel;
        item.appendChild(name);
        item.appendChild(kind);
        // mousedown, not click: the field keeps its focus, so blur does not close the list first
        item.addEventListener('mousedown', function (event) {
          event.preventDefault();
          pick(i);
        });
        list.appendChild(item);
      });
      var open = found.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      active = -1;
      status.textContent = open
        ? found.length + (found.length === 1 ? ' configuration item' : ' configuration items') +
          ' found, use the arrow keys to choose'
        : 'No configuration item found';
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      var mine = ++asked;
      fetch(lookup + '?q=' + encodeURIComponent(text), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (found) {
          if (mine === asked && document.activeElement === input) {
            show(found);
          }
        })
        .catch(function () {
          close();
        });
    }

    input.addEventListener('input', function () {
      chosen.value = '';
      clearTimeout(pending);
      pending = setTimeout(search, 200);
    });

    input.addEventListener('keydown', function (event) {
      var open = !list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open) {
          search();
        } else {
          highlight(Math.min(active + 1, options.length - 1));
        }
      } else if (event.key === 'ArrowUp') {
        if (open) {
          event.preventDefault();
          highlight(Math.max(active - 1, 0));
        }
      } else if (event.key === 'Enter') {
        if (open && active >= 0) {
          event.preventDefault();
          pick(active);
        }
      } else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
          chosen.value = '';
        }
      }
    });

    input.addEventListener('blur', close);
  }

  document.querySelectorAll('[data-ci-picker]').forEach(enhance);
})();

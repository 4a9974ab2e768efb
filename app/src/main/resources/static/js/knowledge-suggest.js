// Portal deflection (issue 21): while someone types the short description of the "Report an issue"
// form, the knowledge API's best public articles for it are listed above the form. Only pages with
// an element #kb-suggest take part; without JavaScript the form works as before.
(function () {
  "use strict";

  var DELAY_MS = 250;
  var MIN_LENGTH = 3;

  function start() {
    var box = document.getElementById("kb-suggest");
    if (!box) {
      return;
    }
    var input = document.querySelector('[name="' + box.dataset.source + '"]');
    var live = document.getElementById("kb-suggestions");
    var list = document.getElementById("kb-suggestion-list");
    if (!input || !live || !list) {
      return;
    }
    var timer = null;
    var asked = 0;

    function show(articles) {
      list.textContent = "";
      articles.forEach(function (article) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = box.dataset.article + encodeURIComponent(article.number);
        link.textContent = article.title;
        link.className = "kb-suggestion";
        item.appendChild(link);
        var category = document.createElement("span");
        category.className = "fd-meta";
        category.textContent = " " + article.category;
        item.appendChild(category);
        list.appendChild(item);
      });
      live.hidden = articles.length === 0;
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) {
        show([]);
        return;
      }
      var mine = ++asked;
      fetch(box.dataset.api + "?limit=5&q=" + encodeURIComponent(text), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (articles) {
          // An older answer arriving late must not replace a newer one.
          if (mine === asked) {
            show(articles);
          }
        })
        .catch(function () {
          // Suggestions are a help, not a step: when they fail, the form still works.
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    if (input.value) {
      ask();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Reply templates on the agents' incident page: with JavaScript, an "Insert" button puts the chosen
// template's text into the journal box; without it the texts stay listed to copy from.
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('journal-text');
  const list = document.getElementById('reply-templates');
  if (!box || !list) {
    return;
  }
  list.querySelectorAll('li[data-template]').forEach((item) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'fd-button';
    button.textContent = 'Insert';
    button.setAttribute('aria-label', 'Insert ' + item.dataset.template);
    button.addEventListener('click', () => {
      const text = item.querySelector('.fd-template-body').textContent;
      box.value = box.value ? box.value + '\n\n' + text : text;
      box.focus();
    });
    item.appendChild(button);
  });
});

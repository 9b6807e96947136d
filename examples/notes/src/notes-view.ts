import { h } from './dom.js';
import type { Note, NotesStore } from './notes-db.js';

/**
 * The notes app itself: a form to add a note, a tag filter, and the list, where each note
 * can be pinned, edited or deleted. Re-renders from the database after every change.
 *
 * @example
 * const view = await mountNotesView(createNotesStore(db));
 * root.append(view);
 * await view.refresh();
 */
export async function mountNotesView(store: NotesStore): Promise<HTMLElement & { refresh(): Promise<void> }> {
  let filter: string | undefined;
  const list = h('ul', { class: 'notes', 'data-testid': 'notes' });
  const tagBar = h('nav', { class: 'tags', 'aria-label': 'Filter by tag' });

  const title = h('input', { name: 'title', placeholder: 'Title', required: true, 'aria-label': 'Title' });
  const body = h('textarea', { name: 'body', placeholder: 'Write something…', 'aria-label': 'Body' });
  const tagsInput = h('input', { name: 'tags', placeholder: 'tags, comma separated', 'aria-label': 'Tags' });
  const form = h(
    'form',
    {
      class: 'new-note',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!title.value.trim()) return;
        const note = { title: title.value.trim(), body: body.value, tags: splitTags(tagsInput.value) };
        form.reset(); // now, not after the write: the user may already be typing the next note
        await store.add(note);
        await refresh();
      },
    },
    title,
    body,
    tagsInput,
    h('button', { type: 'submit' }, 'Add note'),
  );

  async function refresh() {
    const [notes, tags] = await Promise.all([store.list(filter), store.tags()]);
    tagBar.replaceChildren(tagButton('All', undefined, notes.length), ...tags.map((tag) => tagButton(`#${tag.name}`, tag.name, tag.count)));
    list.replaceChildren(...(notes.length ? notes.map(noteItem) : [h('li', { class: 'empty' }, 'No notes yet.')]));
  }

  function tagButton(label: string, tag: string | undefined, count: number) {
    return h(
      'button',
      {
        type: 'button',
        'aria-pressed': String(filter === tag),
        onclick: async () => {
          filter = tag;
          await refresh();
        },
      },
      tag === undefined ? label : `${label} (${count})`,
    );
  }

  function noteItem(note: Note): HTMLElement {
    const item = h(
      'li',
      { class: note.pinned ? 'note pinned' : 'note', 'data-testid': 'note' },
      h('h2', { 'data-testid': 'note-title' }, note.pinned ? `📌 ${note.title}` : note.title),
      h('p', { class: 'body' }, note.body),
      h('p', { class: 'note-tags', 'data-testid': 'note-tags' }, note.tags.map((t) => `#${t}`).join(' ')),
      h(
        'p',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              await store.setPinned(note.id, !note.pinned);
              await refresh();
            },
          },
          note.pinned ? 'Unpin' : 'Pin',
        ),
        h('button', { type: 'button', onclick: () => item.replaceWith(editor(note)) }, 'Edit'),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: async () => {
              await store.remove(note.id);
              await refresh();
            },
          },
          'Delete',
        ),
      ),
    );
    return item;
  }

  function editor(note: Note): HTMLElement {
    const editTitle = h('input', { name: 'title', value: note.title, 'aria-label': 'Edit title' });
    const editBody = h('textarea', { name: 'body', 'aria-label': 'Edit body' });
    editBody.value = note.body;
    const editTags = h('input', { name: 'tags', value: note.tags.join(', '), 'aria-label': 'Edit tags' });
    return h(
      'li',
      { class: 'note editing', 'data-testid': 'note-editor' },
      h(
        'form',
        {
          onsubmit: async (event) => {
            event.preventDefault();
            await store.update(note.id, { title: editTitle.value.trim() || note.title, body: editBody.value, tags: splitTags(editTags.value) });
            await refresh();
          },
        },
        editTitle,
        editBody,
        editTags,
        h('button', { type: 'submit' }, 'Save'),
        h('button', { type: 'button', onclick: () => void refresh() }, 'Cancel'),
      ),
    );
  }

  await refresh();
  // refresh: re-read the list (e.g. another tab changed the notes) without touching the form being typed in.
  return Object.assign(h('main', { class: 'notes-app' }, form, tagBar, list), { refresh });
}

function splitTags(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}

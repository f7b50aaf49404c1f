// A chain drawn from its GC root down to its last object, each reference's field, index or key
// between two objects. Targets' chains and suspects' chains are drawn by the same function, so a
// leak reads the same wherever it is found.
import { h, copyButton, copyText } from './dom.js';
import { chainText, gapIndex, stepLabel } from './chains.js';
import { count } from './triage.js';

/** An object id that copies itself on a click (ids are what a person pastes into another tool). */
export function idButton(id) {
  const button = h('button', { type: 'button', class: 'id mono', text: id, title: 'Copy this id' });
  button.addEventListener('click', async () => { button.classList.toggle('copied', await copyText(id)); });
  return button;
}

/**
 * One chain as a figure. `end` names the last step (its badge and the copied text): "target" for a
 * target's chains, "accumulation point" for a suspect's; `copy` overrides what "Copy as text" copies,
 * `caption` the chain's name.
 */
export function chainView(chain, query, index, { end = 'target', copy = null, caption = `Chain ${index + 1}` } = {}) {
  const gap = gapIndex(chain);
  const items = [h('li', { class: 'root' },
    h('span', { class: 'root-kind', text: chain.root.kind }),
    h('span', { class: 'root-desc', text: chain.root.description || '' }))];
  chain.path.forEach((step, i) => {
    if (i === gap) items.push(h('li', { class: 'gap', text: `… ${count(chain.omittedSteps)} objects omitted …` }));
    const last = i === chain.path.length - 1;
    items.push(h('li', { class: last ? 'step target-step' : 'step' },
      h('div', { class: 'object' }, h('span', { class: 'type', text: stepLabel(step) }), ' ', idButton(step.id),
        last ? h('span', { class: 'badge', text: end }) : null),
      !last && step.edge ? h('div', { class: 'edge' }, h('span', { class: 'arrow', text: '↓ ' }), h('code', { text: step.edge })) : null));
  });
  const length = chain.length ?? chain.path.length;
  return h('figure', { class: 'chain', dataset: { index } },
    h('figcaption', {}, `${caption} · ${length} object${length === 1 ? '' : 's'}`, ' ',
      copyButton('Copy as text', copy || (() => chainText(chain, query, end)), 'small copy-chain')),
    h('ol', { class: 'chain-steps' }, items));
}

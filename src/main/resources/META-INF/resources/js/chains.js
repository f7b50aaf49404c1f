// Chains as text: what "Copy as text" puts on the clipboard, written the way a leak trace is read,
// from the GC root down to the object that should have gone away. Pure functions, no DOM.

/** The one-line name of a step's object: its type, and a class's or thread's name when it has one. */
export function stepLabel(step) {
  return step.name ? `${step.type} ${quoteName(step)}` : step.type;
}

function quoteName(step) {
  return step.type === 'java.lang.Class' || step.type === 'type' ? step.name : `"${step.name}"`;
}

/** Where the listed steps skip the middle of a very long chain (the API lists the first and last halves). */
export function gapIndex(chain) {
  return chain.omittedSteps > 0 ? Math.floor(chain.path.length / 2) : -1;
}

/**
 * The chain as a leak trace. `end` names what the last step is: a target's chains end at the target,
 * a suspect's at its accumulation point.
 */
export function chainText(chain, query, end = 'target') {
  const lines = [];
  if (query) lines.push(`Target: ${describeQuery(query)}`);
  lines.push(`GC root: ${chain.root.kind}${chain.root.description ? ` (${chain.root.description})` : ''}`);
  const gap = gapIndex(chain);
  chain.path.forEach((step, i) => {
    if (i === gap) lines.push(`    … ${chain.omittedSteps} objects omitted …`);
    const last = i === chain.path.length - 1;
    lines.push(`${last ? '╰→ ' : '├─ '}${stepLabel(step)}  ${step.id}${last ? `  ← ${end}` : ''}`);
    if (!last && step.edge) lines.push(`│    ↓ ${step.edge}`);
  });
  lines.push(`(${chain.length} object${chain.length === 1 ? '' : 's'} from root to ${end})`);
  return lines.join('\n');
}

export function describeQuery(query) {
  if (query.className) return `instances of ${query.className}${query.subclasses === 'true' ? ' and its subclasses' : ''}`;
  if (query.objectId) return `object ${query.objectId}`;
  return Object.entries(query).map(([k, v]) => `${k} ${v}`).join(', ');
}

/**
 * Which classes a class-name target counted, when that says more than the name asked ("com.example.A$B"
 * for "A.B", or the subclasses), and the near names offered when it matched none; null when nothing to add.
 */
export function classesLine(target) {
  const asked = (target.query || {}).className;
  if (!asked) return null;
  if (target.similarClasses && target.similarClasses.length) {
    return `${target.matched ? 'Could be' : 'Did you mean'}: ${target.similarClasses.join(', ')}`;
  }
  const classes = target.classes || [];
  if (!classes.length || (classes.length === 1 && classes[0] === asked)) return null;
  const more = (target.classCount || classes.length) - classes.length;
  return `Read as ${classes.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** A group's path shape on one line: "com.example.Registry static ROOMS → java.util.HashMap table → …". */
export function groupText(group) {
  return group.path.join(' → ');
}

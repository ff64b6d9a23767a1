// A heading (Markdown "## Action items", or a line "Action items:") that starts the list of follow-up
// work in a meeting's minutes, in English or Chinese.
const HEADING = /^(?:#{1,6}\s*(.+?)\s*#*|(.+?)\s*[:：])\s*$/;
const ACTION_HEADING = /action\s*items?|next\s*steps|to-?dos?|行动项|待办|后续/i;
// "- item", "* item", "1. item", "1) item", optionally a task-list box "- [ ] item"; a sentence's
// closing full stop is not part of a task title.
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+?)[\s.。;；]*$/;

// The list items under the minutes' action-items heading: the rows to turn into tasks. Minutes
// without such a heading give none, rather than guessing from every bullet point.
export function actionItemsFromMinutes(minutes: string): string[] {
  const items: string[] = [];
  let inside = false;
  for (const line of minutes.split(/\r?\n/)) {
    const heading = HEADING.exec(line.trim());
    const item = LIST_ITEM.exec(line);
    if (heading && !item) {
      inside = ACTION_HEADING.test(heading[1] ?? heading[2] ?? "");
      continue;
    }
    if (inside && item?.[1] && !items.includes(item[1])) items.push(item[1]);
  }
  return items;
}

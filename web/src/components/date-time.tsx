import { Tooltip } from "antd";
import { useMe } from "../features/session/me-context";
import { formatDateTime, fromNow } from "../lib/time";

// Relative time for scanning a list, the exact time in the viewer's own time zone on hover.
export function RelativeTime({ value }: { value: string }) {
  const me = useMe();
  const exact = `${formatDateTime(value, me.user.timeZone)} (${me.user.timeZone})`;
  return (
    <Tooltip title={exact}>
      <time dateTime={value}>{fromNow(value)}</time>
    </Tooltip>
  );
}

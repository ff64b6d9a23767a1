import { TeamOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Alert, Card, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { useTeamSummary } from "../tasks/tasks.api";

type Member = NonNullable<ReturnType<typeof useTeamSummary>["data"]>[number];

// For managers: who on the team is behind. Each number opens that person's tasks.
export function TeamSummary() {
  const { t } = useTranslation();
  const summary = useTeamSummary();
  // The most overdue first: that is who needs a word today.
  const members = [...(summary.data ?? [])].sort(
    (a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name),
  );
  const columns: TableColumnsType<Member> = [
    {
      title: t("myWork.member"),
      key: "name",
      render: (_, member) => (
        <Link to="/tasks" search={{ assigneeId: member.userId }}>
          {member.name}
        </Link>
      ),
    },
    { title: t("myWork.open"), dataIndex: "open", align: "end" },
    {
      title: t("myWork.overdue"),
      key: "overdue",
      align: "end",
      render: (_, member) =>
        member.overdue > 0 ? (
          <Link to="/tasks" search={{ assigneeId: member.userId, overdue: true }}>
            <Typography.Text type="danger" strong>
              {member.overdue}
            </Typography.Text>
          </Link>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    { title: t("myWork.dueToday"), dataIndex: "dueToday", align: "end" },
  ];
  return (
    <Card
      size="small"
      title={
        <span>
          <TeamOutlined /> {t("myWork.teamTitle")}
        </span>
      }
    >
      {summary.error ? (
        <Alert type="error" showIcon title={errorMessage(summary.error, t)} />
      ) : (
        <Table<Member>
          rowKey="userId"
          size="small"
          columns={columns}
          dataSource={members}
          loading={summary.isPending}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      )}
    </Card>
  );
}

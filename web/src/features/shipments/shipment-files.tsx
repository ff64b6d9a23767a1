import { DeleteOutlined, DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FILE_KINDS, FILE_TYPES, type FileKind, type StoredFile } from "../../../../shared/schemas/files";
import { RelativeTime } from "../../components/date-time";
import { currentLocale } from "../../i18n";
import { errorMessage, useShowError } from "../../lib/errors";
import { fileUrl, useDeleteFile, useShipmentFiles, useUploadShipmentFile } from "./shipments.api";

// What the file picker offers; the server still checks the content itself.
const ACCEPT = Object.values(FILE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(",");
const TYPE_NAMES = Object.values(FILE_TYPES)
  .map((type) => type.label)
  .join(", ");

export function formatSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export function ShipmentFiles({ shipmentId, canWrite }: { shipmentId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const files = useShipmentFiles(shipmentId);
  const upload = useUploadShipmentFile(shipmentId);
  const remove = useDeleteFile(shipmentId);
  const showError = useShowError();
  const [kind, setKind] = useState<FileKind>("bill_of_lading");

  const columns: TableColumnsType<StoredFile> = [
    {
      title: t("shipmentFiles.name"),
      key: "name",
      render: (_, file) => (
        // The server answers with an attachment, so the browser saves the file instead of opening it.
        <a href={fileUrl(file.id)} download={file.fileName}>
          <DownloadOutlined /> {file.fileName}
        </a>
      ),
    },
    {
      title: t("shipmentFiles.kind"),
      key: "kind",
      render: (_, file) => t(`shipmentFiles.kinds.${file.kind}`),
    },
    {
      title: t("shipmentFiles.size"),
      key: "size",
      align: "right",
      render: (_, file) => formatSize(file.size),
    },
    {
      title: t("shipmentFiles.uploadedBy"),
      key: "by",
      render: (_, file) => file.uploadedByName ?? t("common.none"),
    },
    {
      title: t("shipmentFiles.uploadedAt"),
      key: "at",
      render: (_, file) => <RelativeTime value={file.uploadedAt} />,
    },
    ...(canWrite
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, file: StoredFile) => (
              <Popconfirm
                title={t("shipmentFiles.deleteConfirm", { name: file.fileName })}
                okText={t("shipmentFiles.delete")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  remove.mutate(file.id, {
                    onSuccess: () =>
                      void message.success(t("shipmentFiles.deleted", { name: file.fileName })),
                    onError: (error) => showError(error),
                  })
                }
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${t("shipmentFiles.delete")} ${file.fileName}`}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {canWrite ? (
        <Flex gap={8} wrap align="center">
          <Select<FileKind>
            value={kind}
            onChange={setKind}
            aria-label={t("shipmentFiles.kind")}
            options={FILE_KINDS.map((value) => ({ value, label: t(`shipmentFiles.kinds.${value}`) }))}
            style={{ width: 220 }}
          />
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(
                { file, kind },
                {
                  onSuccess: (stored) =>
                    void message.success(t("shipmentFiles.uploaded", { name: stored.fileName })),
                  onError: (error) => showError(error),
                },
              );
              // The mutation sends it; antd's own request is not used.
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t("shipmentFiles.upload")}
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {t("shipmentFiles.uploadHelp", { types: TYPE_NAMES })}
          </Typography.Text>
        </Flex>
      ) : null}
      {files.error ? (
        <Alert
          type="warning"
          showIcon
          title={t("shipmentFiles.unavailable")}
          description={errorMessage(files.error, t)}
        />
      ) : (
        <Table<StoredFile>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={files.data}
          loading={files.isPending}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("shipmentFiles.empty")} /> }}
        />
      )}
    </Flex>
  );
}

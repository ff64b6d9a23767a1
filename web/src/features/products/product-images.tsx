import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Empty, Flex, Image, Popconfirm, Upload } from "antd";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../../shared/schemas/products";
import { useShowError } from "../../lib/errors";
import { useDeleteImage, useUploadImage } from "./products.api";

// What the server accepts (it checks the bytes, not the name); checked here too so a wrong file is
// refused before it is sent.
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES = 20;

export function ProductImages({ product, canWrite }: { product: Product; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadImage(product.id);
  const remove = useDeleteImage(product.id);
  const showError = useShowError();
  const full = product.images.length >= MAX_IMAGES;

  return (
    <Flex vertical gap={16}>
      {canWrite ? (
        <Upload
          accept={IMAGE_TYPES.join(",")}
          showUploadList={false}
          multiple
          disabled={full}
          beforeUpload={(file) => {
            if (!IMAGE_TYPES.includes(file.type)) {
              void message.error(t("products.imageType", { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            if (file.size > MAX_IMAGE_BYTES) {
              void message.error(t("products.imageTooLarge", { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            upload.mutate(file, {
              onSuccess: () => void message.success(t("products.imageUploaded", { name: file.name })),
              onError: (error) => showError(error),
            });
            // Sent by the mutation above; antd's own request is not used.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={full}>
            {full ? t("products.imagesFull", { max: MAX_IMAGES }) : t("products.uploadImages")}
          </Button>
        </Upload>
      ) : null}
      {product.images.length === 0 ? (
        <Empty description={t("products.noImages")} />
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={12}>
            {product.images.map((image, index) => (
              <Flex key={image.id} vertical gap={4} align="center">
                <Image
                  src={image.url}
                  width={120}
                  height={120}
                  style={{ objectFit: "cover", borderRadius: 6 }}
                  alt={t("products.imageAlt", { name: product.name, position: index + 1 })}
                />
                {canWrite ? (
                  <Popconfirm
                    title={t("products.deleteImageConfirm")}
                    okText={t("products.deleteImage")}
                    okButtonProps={{ danger: true }}
                    cancelText={t("common.cancel")}
                    onConfirm={() =>
                      remove.mutateAsync(image.id).then(
                        () => message.success(t("products.imageDeleted")),
                        (error: unknown) => showError(error),
                      )
                    }
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />}>
                      {t("products.deleteImage")}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}

import type { Viewer } from "../customers/customers.policy";

// Everyone who may see a shipment may read its files (the query scope decides that). Removing one is
// for whoever uploaded it, and for logistics and admins, who keep the shipment's papers in order.
export function canDeleteFile(viewer: Viewer, file: { uploadedBy: string | null }): boolean {
  return viewer.role === "admin" || viewer.role === "logistics" || file.uploadedBy === viewer.userId;
}

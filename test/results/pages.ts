/** Real pages of the snapshot that the result-model tests build one IR from (with the pages their entities come from). */
export const A = 'api-reference/';
export const RESULT_PAGES = [
  'crm/companies/crm-company-get.md', 'crm/companies/crm-company-list.md', 'crm/companies/crm-company-fields.md',
  'crm/deals/crm-deal-get.md', 'crm/deals/crm-deal-list.md', 'crm/data-types.md',
  'user/user-get.md', 'user/user-fields.md',
  'tasks/tasks-task-get.md', 'tasks/tasks-task-list.md', 'tasks/fields.md',
  'crm/universal/crm-item-get.md', 'crm/universal/crm-item-fields.md', 'crm/universal/object-fields.md',
  'catalog/product/catalog-product-get.md', 'catalog/data-types.md',
  'sale/order/sale-order-get.md', 'sale/data-types.md',
  'disk/file/disk-file-get.md', 'disk/file/disk-file-get-fields.md', 'disk/folder/disk-folder-get-children.md',
  'crm/timeline/activities/activity-base/crm-activity-list.md', 'crm/timeline/activities/activity-base/crm-activity-fields.md',
  'booking/booking/booking-v1-booking-get.md',
  'sale/shipment-item/sale-shipment-item-get.md', 'sale/shipment-item/sale-shipment-item-get-fields.md',
].map((p) => A + p);

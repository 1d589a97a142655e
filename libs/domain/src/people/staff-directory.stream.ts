/**
 * The whole staff directory is one stream, `clfstaff-directory`: its category is not the
 * cases', so the read models, the jobs and the case counts of backups never see it.
 */
export const STAFF_CATEGORY = 'clfstaff';

export const STAFF_DIRECTORY_STREAM = `${STAFF_CATEGORY}-directory`;

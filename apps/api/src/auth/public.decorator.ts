import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'clf:public';
/** Open without a token: health checks only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

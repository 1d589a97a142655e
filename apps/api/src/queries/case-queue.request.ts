import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CASE_KINDS, CASE_STATUSES, type CaseKind } from '#domain';
import { QUEUE_SORTS, type QueueSort } from '#read-models';
import { Instant } from '../cases/request-fields';

const STATUS_LIST = new RegExp(`^(${CASE_STATUSES.join('|')})(,(${CASE_STATUSES.join('|')}))*$`);

/** The query string of `GET /cases`. */
export class CaseQueueRequest {
  @IsOptional()
  @IsIn(CASE_KINDS)
  @ApiProperty({ required: false, enum: CASE_KINDS })
  kind?: CaseKind;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  @ApiProperty({ required: false, type: 'integer' })
  stage?: number;

  @IsOptional()
  @Matches(STATUS_LIST, {
    message: `status must be one or more of ${CASE_STATUSES.join(', ')}, separated by commas`,
  })
  @ApiProperty({
    required: false,
    description: `One or more of ${CASE_STATUSES.join(', ')}, comma-separated. Default: every status but closed.`,
  })
  status?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ required: false })
  ownerId?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiProperty({ required: false, enum: ['true', 'false'] })
  unassigned?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiProperty({ required: false, enum: ['true', 'false'] })
  overdue?: string;

  @IsOptional()
  @Instant()
  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'Next deadline at or before this instant.',
  })
  dueBefore?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  @ApiProperty({ required: false })
  category?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @ApiProperty({
    required: false,
    description:
      'Words in the reference, the summary, or the name, e-mail or phone of the complainant or their representative; any letter case.',
  })
  q?: string;

  @IsOptional()
  @Instant()
  @ApiProperty({ required: false, format: 'date-time' })
  receivedFrom?: string;

  @IsOptional()
  @Instant()
  @ApiProperty({ required: false, format: 'date-time' })
  receivedTo?: string;

  @IsOptional()
  @IsIn(QUEUE_SORTS)
  @ApiProperty({ required: false, enum: QUEUE_SORTS, default: 'dueBy' })
  sort?: QueueSort;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 200, default: 50 })
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  @ApiProperty({ required: false, description: 'From the previous page’s nextCursor.' })
  cursor?: string;
}

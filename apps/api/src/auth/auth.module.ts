import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PeopleModule } from '../people/people.module';
import { JwtAuthGuard } from './jwt-auth.guard';
import { createTokenVerifier, TOKEN_VERIFIER } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

@Module({
  imports: [PeopleModule],
  providers: [
    {
      provide: TOKEN_VERIFIER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new VerifiedTokenCache(createTokenVerifier(config.jwt)),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}

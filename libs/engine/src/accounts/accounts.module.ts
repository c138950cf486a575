import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LoginService } from './login.service';
import { UserAccounts } from './user-accounts';

/** User accounts and login, for the HTTP API (the CLI uses {@link UserAccounts} alone). */
@Module({
  imports: [AuthModule],
  providers: [UserAccounts, LoginService],
  exports: [UserAccounts, LoginService, AuthModule],
})
export class AccountsModule {}

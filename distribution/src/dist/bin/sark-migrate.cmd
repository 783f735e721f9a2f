@echo off
rem sark-migrate, from its release archive, on Windows: runs on the Java 17 or later it finds (SARK_MIGRATE_JAVA,
rem else %JAVA_HOME%\bin\java.exe, else java on the PATH). See bin/sark-migrate for what it does and does not do.
setlocal
set "HOME_DIR=%~dp0.."
if defined SARK_MIGRATE_JAVA (
    set "JAVA=%SARK_MIGRATE_JAVA%"
) else if defined JAVA_HOME (
    set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA=java"
)
"%JAVA%" -XX:TieredStopAtLevel=1 "-Dsark.migrate.distribution=%HOME_DIR%" "-Dsark.migrate.launcher=%~0" %SARK_MIGRATE_JAVA_OPTS% -cp "%HOME_DIR%\lib\*" io.sark.migrate.cli.SarkMigrate %*
exit /b %ERRORLEVEL%

# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY app C:/app
RUN chown -R app:app C:/app

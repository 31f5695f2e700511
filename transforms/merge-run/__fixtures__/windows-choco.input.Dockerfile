# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN choco install -y git
RUN git --version

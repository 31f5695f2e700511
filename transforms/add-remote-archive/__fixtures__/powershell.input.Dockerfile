# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
ADD https://example.org/tool.zip C:/tool.zip
RUN Expand-Archive C:/tool.zip; Remove-Item C:/tool.zip

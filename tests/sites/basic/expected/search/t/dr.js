(window.digestSearch=window.digestSearch||[]).push(["t","dr",{"draw":[12]}]);
